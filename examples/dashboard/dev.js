// `npm run dashboard`: the gateway's sandbox (npm start) and the dashboard's Vite dev server, together.
const { spawn } = require('node:child_process');
const path = require('node:path');

const port = process.env.PORT ?? '4000';
const root = path.join(__dirname, '..', '..');
const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
const children = [
  spawn('npm', ['start'], { cwd: root, stdio: 'inherit', env: { ...process.env, PORT: port } }),
  spawn(process.execPath, [vite, __dirname, '--port', process.env.DASHBOARD_PORT ?? '5173'], {
    stdio: 'inherit', env: { ...process.env, GRAPHQL_ORIGIN: `http://localhost:${port}` },
  }),
];
const stop = () => { for (const child of children) child.kill('SIGTERM'); };
for (const child of children) child.on('exit', (code) => { stop(); process.exitCode = code ?? 0; });
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
