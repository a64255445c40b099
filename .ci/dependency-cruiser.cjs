/** The layer rules of docs/ARCHITECTURE.md, checked on every `npm test` (see /shared GUIDE §3). */
const DOMAIN = '^src-main/(?!core/|transports/|electron/)([^/]+)/';

module.exports = {
  forbidden: [
    {
      name: 'electron-only-in-electron-folder',
      comment: 'Only src-main/electron talks to Electron (the launcher only asks where its binary is).',
      severity: 'error',
      from: { pathNot: ['^src-main/electron/', '^src-main/launch\\.ts$'] },
      to: { path: '^electron$' },
    },
    {
      name: 'domains-free-of-transports',
      comment: 'Domain logic is plain TypeScript: no HTTP servers, sockets or Electron.',
      severity: 'error',
      from: { path: '^src-main/(?!transports/|electron/|launch\\.ts|build\\.ts)' },
      to: { dependencyTypes: ['core'], path: '^(node:)?(http|https|http2|net|tls|dgram)$' },
    },
    {
      name: 'domain-through-index-only',
      comment: 'A domain uses another domain only through its index.ts.',
      severity: 'error',
      from: { path: DOMAIN },
      to: { path: '^src-main/[^/]+/', pathNot: ['^src-main/$1/', '^src-main/core/', '^src-main/[^/]+/index\\.ts$'] },
    },
    {
      name: 'core-knows-no-domain',
      comment: 'core is the foundation; it never imports a domain, a transport or the composition root.',
      severity: 'error',
      from: { path: '^src-main/core/' },
      to: { path: '^src-main/', pathNot: '^src-main/core/' },
    },
    {
      name: 'shared-is-pure',
      comment: 'src-shared is imported by both processes: no node:, no main, no renderer.',
      severity: 'error',
      from: { path: '^src-shared/' },
      to: { path: '^(src-main|src-renderer)/' },
    },
    {
      name: 'shared-no-node-builtins',
      severity: 'error',
      from: { path: '^(src-shared|src-renderer)/', pathNot: '^src-renderer/vite\\.config\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-only-shared',
      comment: 'The renderer reaches the main process only through the typed client.',
      severity: 'error',
      from: { path: '^src-renderer/' },
      to: { path: '^(src-main|db)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.json'] },
  },
};
