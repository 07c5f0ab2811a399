import { findOrBuildFerretdb } from './ferretdb-binary.ts';

// `npm run ferretdb:build`: make sure the embedded database binary exists (CI runs it before the tests).
try {
  const bin = await findOrBuildFerretdb(process.env, (m) => console.error(m));
  console.error(`ferretdb: ${bin}`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
