import path from 'node:path';
import ts from 'typescript';

// The hooks generated from the dashboard's documents are typed by them: a field the document did
// not select, a variable it does not declare, a value outside an enum or a missing required input
// field are compile errors, checked with the dashboard's own compiler options.

const root = path.join(__dirname, '..');
function diagnostics(fixture: string) {
  const { config } = ts.readConfigFile(path.join(root, 'examples/dashboard/tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, path.join(root, 'examples/dashboard'));
  const program = ts.createProgram([path.join(__dirname, 'fixtures/typed-hooks', fixture)], options);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

it('compiles the hooks used as the documents allow', () => {
  expect(diagnostics('right.ts')).toEqual([]);
}, 60_000);

it('rejects a wrong field, a wrong variable, a value outside an enum and a missing input field', () => {
  const errors = diagnostics('wrong.ts').join('\n');
  expect(errors).toMatch(/'teamID' does not exist in type/);
  expect(errors).toMatch(/"SUPERUSER"' is not assignable to type 'RoleName/);
  expect(errors).toMatch(/Property 'teamIds' is missing/);
  expect(errors).toMatch(/Property 'nmae' does not exist/);
}, 60_000);
