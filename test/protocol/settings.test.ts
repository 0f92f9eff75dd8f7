// Settings over the protocol: the server reads the `lifeline` section itself (workspace/configuration, per
// document, or what didChangeConfiguration pushes) and publishes undeclared participants at the chosen severity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ConfigurationRequest,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidCloseTextDocumentNotification,
  RegistrationRequest,
  type ClientCapabilities,
  type ConfigurationItem,
  type PublishDiagnosticsParams,
  type Registration,
} from 'vscode-languageserver-protocol/node';
import { applySettings, readSettings, type SeverityOption } from '../../server/src/lsp/settings';
import { Client, clientCapabilities, WAIT_MS } from './client';

// An unused participant (a hint), two undeclared ones, nothing else.
const TEXT = 'actor C\nA -> B: hi\n';
const UNDECLARED = 'undeclared-participant';

/** `promise`, or a failure after WAIT_MS. */
function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_MS)),
  );
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const severitiesOf = (p: PublishDiagnosticsParams, code = UNDECLARED) =>
  p.diagnostics.filter((d) => d.code === code).map((d) => d.severity);

/** A Neovim- or Eglot-like client: it answers workspace/configuration and registers nothing dynamically. */
const pulling: ClientCapabilities = { ...clientCapabilities, workspace: { ...clientCapabilities.workspace, configuration: true } };

function answering(severity: (uri: string) => SeverityOption, asked: ConfigurationItem[]) {
  return (client: Client) =>
    client.connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => {
        asked.push(item);
        return item.section === 'lifeline' ? { diagnostics: { undeclaredParticipant: severity(item.scopeUri ?? '') } } : null;
      }),
    );
}

test('settings: readSettings takes nested, dotted or wrapped keys, and defaults anything else', () => {
  const cases: [unknown, SeverityOption][] = [
    [{ diagnostics: { undeclaredParticipant: 'error' } }, 'error'],
    [{ 'diagnostics.undeclaredParticipant': 'hint' }, 'hint'],
    [{ lifeline: { diagnostics: { undeclaredParticipant: 'information' } } }, 'information'],
    [{ lifeline: { 'diagnostics.undeclaredParticipant': 'off' } }, 'off'],
    [{ diagnostics: { undeclaredParticipant: 'off' } }, 'off'],
    [{ diagnostics: { undeclaredParticipant: 'loud' } }, 'warning'],
    [{ diagnostics: { undeclaredParticipant: 3 } }, 'warning'],
    [{ diagnostics: 'error' }, 'warning'],
    [null, 'warning'],
    ['error', 'warning'],
    [{ diagnostics: { undeclaredParticipant: 'toString' } }, 'warning'],
  ];
  for (const [section, expected] of cases)
    assert.equal(readSettings(section).diagnostics.undeclaredParticipant, expected, JSON.stringify(section));
});

test('settings: applySettings changes undeclared participants only, and off removes them', () => {
  const d = (code: string, severity: DiagnosticSeverity) => ({
    code,
    severity,
    message: code,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
  });
  const params: PublishDiagnosticsParams = {
    uri: 'file:///a.seq',
    version: 3,
    diagnostics: [d('syntax', 1), d(UNDECLARED, 2), d('unused-participant', 4)],
  };
  const cases: [SeverityOption, (DiagnosticSeverity | undefined)[]][] = [
    ['error', [1, 1, 4]],
    ['warning', [1, 2, 4]],
    ['information', [1, 3, 4]],
    ['hint', [1, 4, 4]],
    ['off', [1, 4]],
  ];
  for (const [option, expected] of cases) {
    const out = applySettings(params, { diagnostics: { undeclaredParticipant: option } });
    assert.deepEqual(
      out.diagnostics.map((x) => x.severity),
      expected,
      option,
    );
    assert.equal(out.version, 3);
  }
  assert.equal(params.diagnostics[1].severity, 2, 'the input is left alone');
});

test('a client that answers workspace/configuration gets the severity it asked for, per document', async (t) => {
  const asked: ConfigurationItem[] = [];
  const { client } = await Client.start(
    ['--stdio'],
    null,
    pulling,
    answering((uri) => (uri.includes('strict') ? 'error' : 'information'), asked),
  );
  t.after(() => client.proc.kill());
  await client.open('file:///strict.seq', TEXT);
  await client.open('file:///relaxed.seq', TEXT);
  const strict = await client.diagnosticsFor('file:///strict.seq', 1);
  const relaxed = await client.diagnosticsFor('file:///relaxed.seq', 1);
  assert.deepEqual(severitiesOf(strict), [DiagnosticSeverity.Error, DiagnosticSeverity.Error]);
  assert.deepEqual(severitiesOf(relaxed), [DiagnosticSeverity.Information, DiagnosticSeverity.Information]);
  assert.deepEqual(severitiesOf(strict, 'unused-participant'), [DiagnosticSeverity.Hint], 'other diagnostics keep theirs');
  assert.deepEqual(
    asked.map((i) => [i.scopeUri, i.section]).sort(),
    [
      ['file:///relaxed.seq', 'lifeline'],
      ['file:///strict.seq', 'lifeline'],
    ],
    'asked once per document, for the lifeline section',
  );
  // Later versions use what was read: no new question per keystroke.
  await client.change('file:///strict.seq', 2, [{ text: `${TEXT}C -> D\n` }]);
  assert.deepEqual(severitiesOf(await client.diagnosticsFor('file:///strict.seq', 2)), Array(3).fill(DiagnosticSeverity.Error));
  assert.equal(asked.length, 2);
  assert.equal(await client.stop(), 0);
});

test('after didChangeConfiguration the server asks again and re-publishes every open document; off removes them', async (t) => {
  let severity: SeverityOption = 'error';
  const asked: ConfigurationItem[] = [];
  const { client } = await Client.start(
    ['--stdio'],
    null,
    pulling,
    answering(() => severity, asked),
  );
  t.after(() => client.proc.kill());
  const uris = ['file:///one.seq', 'file:///two.seq'];
  for (const uri of uris) await client.open(uri, TEXT, 5);
  for (const uri of uris)
    assert.deepEqual(severitiesOf(await client.diagnosticsFor(uri, 5)), [DiagnosticSeverity.Error, DiagnosticSeverity.Error]);

  const changeTo = async (next: SeverityOption, expected: (DiagnosticSeverity | undefined)[]) => {
    severity = next;
    const seen = new Map(uris.map((uri) => [uri, client.diagnostics.get(uri)!.length]));
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    for (const uri of uris) {
      const republished = await client.diagnosticsWhere(
        uri,
        (p) => client.diagnostics.get(uri)!.indexOf(p) >= seen.get(uri)!,
        `re-published after the change to ${next}`,
      );
      assert.equal(republished.version, 5, 'the same version, published again');
      assert.deepEqual(severitiesOf(republished), expected, `${uri} with ${next}`);
      assert.deepEqual(severitiesOf(republished, 'unused-participant'), [DiagnosticSeverity.Hint]);
    }
  };
  await changeTo('hint', [DiagnosticSeverity.Hint, DiagnosticSeverity.Hint]);
  await changeTo('off', []);
  await changeTo('warning', [DiagnosticSeverity.Warning, DiagnosticSeverity.Warning]);
  assert.equal(asked.length, 8, 'each open document asked again after each change');

  // A closed document's settings are forgotten: reopening asks again.
  await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uris[0] } });
  await client.open(uris[0], TEXT, 6);
  await client.diagnosticsFor(uris[0], 6);
  assert.equal(asked.length, 9);
  assert.equal(await client.stop(), 0);
});

test('a client without workspace/configuration: the section pushed by didChangeConfiguration applies', async (t) => {
  const { client } = await Client.start();
  t.after(() => client.proc.kill());
  const uri = 'file:///pushed.seq';
  await client.open(uri, TEXT);
  assert.deepEqual(
    severitiesOf(await client.diagnosticsFor(uri, 1)),
    [DiagnosticSeverity.Warning, DiagnosticSeverity.Warning],
    'the default',
  );
  await client.connection.sendNotification(DidChangeConfigurationNotification.type, {
    settings: { lifeline: { diagnostics: { undeclaredParticipant: 'error' } } },
  });
  const republished = await client.diagnosticsWhere(uri, (p) => severitiesOf(p)[0] === DiagnosticSeverity.Error, 'the pushed severity');
  assert.equal(republished.version, 1);
  // A push without the lifeline section (another server's settings) changes nothing.
  await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { other: {} } });
  await client.change(uri, 2, [{ text: TEXT }]);
  assert.deepEqual(severitiesOf(await client.diagnosticsFor(uri, 2)), [DiagnosticSeverity.Error, DiagnosticSeverity.Error]);
  assert.equal(await client.stop(), 0);
});

test('a client with dynamic registration (VS Code) is asked to send changes of the lifeline section only', async (t) => {
  const registrations: Registration[] = [];
  const capabilities: ClientCapabilities = {
    ...pulling,
    workspace: { ...pulling.workspace, didChangeConfiguration: { dynamicRegistration: true } },
  };
  const { client } = await Client.start(['--stdio'], null, capabilities, (c) => {
    answering(() => 'warning', [])(c);
    c.connection.onRequest(RegistrationRequest.type, (p) => {
      registrations.push(...p.registrations);
    });
  });
  t.after(() => client.proc.kill());
  // The registration follows `initialized`; a document's diagnostics after it show the server has handled it.
  await client.open('file:///r.seq', TEXT);
  await client.diagnosticsFor('file:///r.seq', 1);
  const configuration = registrations.find((r) => r.method === DidChangeConfigurationNotification.method);
  assert.deepEqual(configuration?.registerOptions, { section: 'lifeline' });
  assert.equal(await client.stop(), 0);
});

test('an answer that arrives after its document was closed and opened again publishes nothing stale', async (t) => {
  // Each question is held until the test answers it.
  const pending: (() => void)[] = [];
  let asked: () => void = () => undefined;
  const question = () => withTimeout(new Promise<void>((resolve) => (asked = resolve)), 'a workspace/configuration request');
  const { client } = await Client.start(['--stdio'], null, pulling, (c) =>
    c.connection.onRequest(ConfigurationRequest.type, (params) => {
      const answer = new Promise<unknown[]>((resolve) =>
        pending.push(() => resolve(params.items.map(() => ({ diagnostics: { undeclaredParticipant: 'error' } })))),
      );
      asked();
      return answer;
    }),
  );
  t.after(() => client.proc.kill());
  const uri = 'file:///reopened.seq';
  let next = question();
  await client.open(uri, 'X -> X\n', 5);
  await next;
  next = question();
  await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  await client.open(uri, 'Y -> Y\n', 1);
  await next;
  for (const answer of pending.splice(0)) answer();
  const published = await client.diagnosticsFor(uri, 1);
  assert.deepEqual(severitiesOf(published), [DiagnosticSeverity.Error, DiagnosticSeverity.Error]);
  assert.match(String(published.diagnostics[0].message), /"Y"/);
  assert.deepEqual(
    client.diagnostics.get(uri)!.map((p) => p.version),
    [undefined, 1],
    'the clearing after close, then version 1 only: version 5 of the closed document is never published',
  );
  assert.equal(await client.stop(), 0);
});
