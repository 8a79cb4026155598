// `mlops` from the CLI's TypeScript sources, in a child process (the `mlops serve` test).
const path = require('node:path');
const { root } = require('./registerTs');

require(path.join(root, 'packages/cli/src/main.ts')).main(process.argv);
