import path from 'node:path';
import ts from 'typescript';

// Apollo Client 4's useQuery and useMutation over the typed documents generated from the
// dashboard's documents are typed by them: a field the document did not select, a variable it does
// not declare, a value outside an enum or a missing required input field are compile errors,
// checked with the dashboard's own compiler options.

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

it('rejects a wrong variable, a value outside an enum, a missing input field and a wrong field, one error each', () => {
  const errors = diagnostics('wrong.ts');
  expect(errors).toHaveLength(4);
  expect(errors[0]).toMatch(/'teamID' does not exist in type/);
  expect(errors[1]).toMatch(/"SUPERUSER"' is not assignable to type 'RoleName/);
  expect(errors[2]).toMatch(/Property 'teamIds' is missing/);
  expect(errors[3]).toMatch(/Property 'nmae' does not exist/);
}, 60_000);
