import * as path from 'node:path';
import { publishProblems, readWorkspace, releaseOrder } from '../release/workspace';

// Every workspace package a user installs from a registry carries what `npm install` and an editor
// need. A new package under packages/ or plugins/ fails here until it has them:
// `node tools/release/addPublishFields.js` adds them (a README it cannot write). Examples stay private.
const root = path.resolve(__dirname, '../..');
const ws = readWorkspace(root);

describe('publish fields', () => {
  it('every non-private workspace package is publishable', () => {
    const problems = ws.packages.filter((p) => !p.manifest.private).flatMap((p) => publishProblems(p, { version: ws.root.version, repositoryUrl: ws.root.repository?.url, root }));
    expect(problems).toEqual([]);
  });

  it('packages and plugins are public, examples private, and the release order covers every public one', () => {
    const visibility = ws.packages.map((p) => `${p.dir}:${p.dir.startsWith('examples/') ? p.manifest.private === true : p.manifest.private !== true}`);
    expect(visibility.filter((v) => v.endsWith(':false'))).toEqual([]);
    const order = releaseOrder(ws.packages).map((p) => p.manifest.name);
    expect(new Set(order)).toEqual(new Set(ws.packages.filter((p) => !p.manifest.private).map((p) => p.manifest.name)));
    // Spot-check the computed order against what install needs first.
    expect(order.indexOf('@mlops/errors')).toBeLessThan(order.indexOf('@mlops/core'));
    expect(order.indexOf('@mlops/core')).toBeLessThan(order.indexOf('@mlops/cli'));
  });
});
