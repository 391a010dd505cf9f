/**
 * `JSON.stringify(object, null, 2)` written a piece at a time: the exports stream a file of a
 * million incidents without holding it as one string, and the bytes are the same as the one-string
 * rendering (tests compare the two). A member whose value is an async iterable is written as an
 * array, element by element; a member whose value is undefined is left out, as JSON.stringify does.
 */

export type JsonMember = readonly [key: string, value: unknown];

const indented = (value: unknown, depth: number): string => JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** An array member's elements, each at depth 2, the way JSON.stringify indents them. */
async function* arrayElements(values: AsyncIterable<unknown>): AsyncGenerator<string> {
  let first = true;
  for await (const value of values) {
    yield `${first ? '' : ','}\n    ${indented(value, 2)}`;
    first = false;
  }
  yield first ? ']' : '\n  ]';
}

/** The object of `members`, in their order, as JSON.stringify(…, null, 2) writes it, with a final newline. */
export async function* prettyJsonObject(members: readonly JsonMember[]): AsyncGenerator<string> {
  const shown = members.filter(([, value]) => value !== undefined);
  yield '{';
  for (const [i, [key, value]] of shown.entries()) {
    yield `${i === 0 ? '' : ','}\n  ${JSON.stringify(key)}: `;
    if (isAsyncIterable(value)) {
      yield '[';
      yield* arrayElements(value);
    } else {
      yield indented(value, 1);
    }
  }
  yield shown.length === 0 ? '}\n' : '\n}\n';
}
