// The frame of the 404 and 500 pages: a card in the middle saying the status, what happened, and
// (children) what the user can do about it.
import type { ReactNode } from 'react';
import { Card } from './ui';

export function StatusPage({
  code,
  tone,
  title,
  body,
  children,
}: {
  code: string;
  tone: 'indigo' | 'red';
  title: string;
  body: string;
  children: ReactNode;
}) {
  return (
    <div className="mx-auto mt-16 max-w-md px-4 md:mt-24">
      <Card className="space-y-3">
        <p className={`text-sm font-semibold ${tone === 'red' ? 'text-red-700' : 'text-indigo-700'}`}>
          {code}
        </p>
        <h1 className="text-xl font-semibold">{title}</h1>
        <p className="text-sm text-slate-600">{body}</p>
        {children}
      </Card>
    </div>
  );
}
