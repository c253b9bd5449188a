'use client';

// A page of the app that failed: the same card as app/error.tsx, placed inside the app's frame so
// the sidebar still works.
export { default } from '../error';
