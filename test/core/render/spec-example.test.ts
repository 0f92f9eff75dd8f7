// The example of spec section 7 must come out exactly as drawn there, from the .seq text
// and from a hand-built model alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/index';
import { layoutSequence, renderSequence } from '../../../server/src/core/render/index';
import { message, modelOf } from './helpers';

const SPEC = `\
[User]      [Frontend]        [Auth]        [DB]
  |             |               |            |
  |---submit--->|               |            |
  |             |--POST /login->|            |
  |             |               |---select-->|
  |             |               |<.user row..|
  |             |<....token.....|            |
  |<.dashboard..|               |            |`;

const SOURCE = `actor User
system Frontend
service Auth
database DB

User -> Frontend: submit
Frontend -> Auth: POST /login
Auth -> DB: select
DB --> Auth: user row
Auth --> Frontend: token
Frontend --> User: dashboard
`;

test('spec section 7 example, parsed from .seq text', () => {
  const { model } = analyze(SOURCE);
  const d = renderSequence(model, model.sequences[0]);
  assert.equal(d.lines.join('\n'), SPEC);
});

test('spec section 7 example, from a hand-built model', () => {
  const { model, sequence } = modelOf(
    ['User', 'Frontend', 'Auth', 'DB'],
    [
      message('User', 'Frontend', 'submit'),
      message('Frontend', 'Auth', 'POST /login'),
      message('Auth', 'DB', 'select'),
      message('DB', 'Auth', 'user row', '-->'),
      message('Auth', 'Frontend', 'token', '-->'),
      message('Frontend', 'User', 'dashboard', '-->'),
    ],
  );
  const d = renderSequence(model, sequence);
  assert.equal(d.lines.join('\n'), SPEC);
  assert.equal(d.headerRows, 1);
  assert.deepEqual(d.columns, [2, 16, 32, 45]);
  // Source map: header and bare row have none; each arrow row maps to its message.
  assert.deepEqual(d.rows.slice(0, 2), [undefined, undefined]);
  assert.deepEqual(
    d.rows.slice(2),
    sequence.items.map((i) => i.span),
  );
  assert.equal(layoutSequence(model, sequence).width, 48);
});
