import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

// Apollo Client 4's useQuery and useMutation over the typed documents generated from the
// dashboard's documents are typed by them: a field the document did not select, a variable it does
// not declare, a value outside an enum or a missing required input field are compile errors,
// checked by the project's tsc with the dashboard's own compiler options (fixtures/typed-hooks).

const fixtures = path.join(__dirname, 'fixtures/typed-hooks');
const tsc = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');

/** Each fixture's errors, as tsc prints them (a message's chained lines joined by newlines). */
async function compile(): Promise<Record<string, string[]>> {
  const { stdout } = await promisify(execFile)(process.execPath, [tsc, '--noEmit', '--pretty', 'false', '-p', fixtures])
    .catch((failed: { stdout?: string }) => ({ stdout: failed.stdout ?? '' })); // tsc exits 2 when it finds errors
  const errors: Record<string, string[]> = { 'right.ts': [], 'wrong.ts': [] };
  let last: { file: string; at: number } | undefined;
  for (const line of stdout.split('\n')) {
    const error = /^(.+?)\(\d+,\d+\): error TS\d+: (.*)$/.exec(line);
    if (error) {
      const file = path.basename(error[1]);
      (errors[file] ??= []).push(error[2]);
      last = { file, at: errors[file].length - 1 };
    } else if (last && line.startsWith(' ')) {
      errors[last.file][last.at] += `\n${line.trim()}`;
    }
  }
  return errors;
}

let errors: Record<string, string[]>;
beforeAll(async () => { errors = await compile(); }, 60_000);

it('compiles the hooks used as the documents allow', () => {
  expect(errors['right.ts']).toEqual([]);
});

it('rejects a wrong variable, a value outside an enum, a missing input field and a wrong field, one error each', () => {
  expect(Object.keys(errors).sort()).toEqual(['right.ts', 'wrong.ts']);
  expect(errors['wrong.ts']).toHaveLength(4);
  expect(errors['wrong.ts'][0]).toMatch(/'teamID' does not exist in type/);
  expect(errors['wrong.ts'][1]).toMatch(/"SUPERUSER"' is not assignable to type 'RoleName/);
  expect(errors['wrong.ts'][2]).toMatch(/Property 'teamIds' is missing/);
  expect(errors['wrong.ts'][3]).toMatch(/Property 'nmae' does not exist/);
});
