'use client';

import { useEffect } from 'react';
import { markReadAction } from './actions';

export function MarkReadOnOpen({ id }: { id: string }) {
  useEffect(() => {
    void markReadAction(id);
  }, [id]);
  return null;
}
