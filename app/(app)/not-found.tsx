// A record that is not in the current organisation (or not at all), inside the app's frame; when
// another of the user's organisations holds it, a button switches there and opens it.
import { NotFoundCard } from '@/app/components/not-found-card';
import { OtherOrganizationHint } from './other-organization-hint';

export default function NotFound() {
  return (
    <NotFoundCard>
      <OtherOrganizationHint />
    </NotFoundCard>
  );
}
