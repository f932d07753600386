/**
 * Dependency rules: the exporter's folders form layers, and imports only point
 * down (main → cli → server → web → exporter → poll → snapshot → sources →
 * upstream → config → metrics → log → clock/version). A folder never imports a
 * folder above it, so no two folders import each other. The product never
 * imports the simulator, the tests or the benchmarks.
 * Checked by `npm run lint:deps` (part of `npm test`).
 */
const LAYERS = [
  ['main', '^src/(main\\.ts|tools/)'],
  ['cli', '^src/cli/'],
  ['server', '^src/server/'],
  ['web', '^src/web/'],
  ['exporter', '^src/exporter/'],
  ['poll', '^src/poll/'],
  ['snapshot', '^src/snapshot/'],
  ['sources', '^src/sources/'],
  ['upstream', '^src/upstream/'],
  ['config', '^src/config/'],
  ['metrics', '^src/metrics/'],
  ['log', '^src/log/'],
  ['base', '^src/(clock|version)\\.ts$'],
];

const layerRules = LAYERS.slice(1).map(([name, path], i) => ({
  name: `layer-${name}`,
  comment: `${name} is below ${LAYERS.slice(0, i + 1)
    .map(([n]) => n)
    .join(', ')}: it must not import them`,
  severity: 'error',
  from: { path },
  to: { path: LAYERS.slice(0, i + 1).map(([, p]) => p) },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'unlisted-src-folder',
      comment: 'every folder of src/ has a place in the layers above; add a new one there',
      severity: 'error',
      from: { path: '^src/', pathNot: LAYERS.map(([, p]) => p) },
      to: {},
    },
    {
      name: 'product-stays-product',
      comment: 'the product (src/) never imports the simulator, tests or benchmarks: they are not shipped',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(simulator|test|bench)/' },
    },
    {
      name: 'no-circular',
      comment: 'modules must not import each other, even indirectly',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-dev-deps-in-product',
      comment: 'the product runs with production dependencies only',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
