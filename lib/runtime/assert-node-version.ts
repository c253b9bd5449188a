// Mailroom runs on Node 24 (the `node` devDependency puts it first on npm scripts' PATH). If
// install scripts were skipped, scripts silently fall back to the machine's older Node: say so.
export function assertNodeVersion(minimumMajor = 24): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < minimumMajor) {
    console.error(
      `Mailroom needs Node ${minimumMajor} or newer; this is Node ${process.versions.node}. ` +
        'Run it through npm scripts (npm run …) after a normal `npm install`, which provides Node 24.',
    );
    process.exit(1);
  }
}
