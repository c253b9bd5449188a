// An address that matches no page (outside the app's frame: the visitor may not be signed in).
import { NotFoundCard } from './components/not-found-card';

export default function NotFound() {
  return <NotFoundCard />;
}
