/**
 * The language client's lifetime: start the server over IPC, restart it when it dies (and say
 * so), stop it on deactivation. Everything created for one running client lives in its own
 * disposables scope, separate from the extension's.
 */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type CancellationToken,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { RenderRequest, SvgRequest, type RenderAnswer, type RenderParams, type SvgParams } from '../../server/src/lsp/protocol';
import { reasonOf, type Log } from './log';

export type ServerState = 'starting' | 'running' | 'stopped';

/** How many crashes within `CRASH_WINDOW_MS` are restarted before we give up. */
const MAX_RESTARTS = 5;
const CRASH_WINDOW_MS = 3 * 60 * 1000;

export class ServerClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  /** The client-lifetime scope: disposed whenever the client is stopped or replaced. */
  private clientScope: vscode.Disposable[] = [];
  private readonly stateChanged = new vscode.EventEmitter<ServerState>();
  /** Fires when the server becomes ready, starts (again), or stops. */
  readonly onDidChangeState = this.stateChanged.event;
  private crashes: number[] = [];
  /** The first start (or the last restart): the server starts lazily, once. */
  private started: Promise<boolean> | undefined;

  constructor(
    private readonly serverModule: string,
    private readonly log: Log,
  ) {}

  get state(): ServerState {
    switch (this.client?.state) {
      case State.Running:
        return 'running';
      case State.Starting:
        return 'starting';
      default:
        return 'stopped';
    }
  }

  /**
   * Starts the server. On failure the user sees why (with a button to the log) and the promise
   * resolves to false: the extension still activates, so commands can say what is missing.
   */
  async start(): Promise<boolean> {
    if (!existsSync(this.serverModule)) {
      return this.failed(`the server bundle ${this.serverModule} is missing (run "npm run build")`);
    }
    const serverOptions: ServerOptions = {
      run: { module: this.serverModule, transport: TransportKind.ipc },
      debug: { module: this.serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ language: 'seq' }],
      outputChannel: this.log.channel,
      errorHandler: this.errorHandler(),
    };
    const client = new LanguageClient('lifeline', 'Lifeline Language Server', serverOptions, clientOptions);
    this.client = client;
    this.clientScope.push(
      client.onDidChangeState((e) => {
        this.log.info(`language server: ${State[e.oldState]} -> ${State[e.newState]}`);
        this.stateChanged.fire(this.state);
      }),
    );
    try {
      await client.start();
      this.log.info(`language server started (${this.serverModule})`);
      return true;
    } catch (e) {
      // The client may already be restarting on its own (a server that died while initialising):
      // stop it, so no client runs that we no longer hold.
      this.client = undefined;
      this.disposeClientScope();
      await client.stop(2000).catch(() => undefined);
      this.stateChanged.fire('stopped');
      return this.failed(reasonOf(e), e);
    }
  }

  /** Starts the server unless it was started already (then the same answer). */
  ensureStarted(): Promise<boolean> {
    return (this.started ??= this.start());
  }

  /** `lifeline/render` (the preview's request), starting the server first if needed; rejects when none runs. */
  async render(params: RenderParams, token?: CancellationToken): Promise<RenderAnswer | null> {
    await this.ensureStarted();
    const client = this.client;
    if (!client || this.state === 'stopped') throw new Error('the Lifeline language server is not running');
    return client.sendRequest(RenderRequest, params, token);
  }

  /** `lifeline/svg` (Copy/Save as SVG); rejects when no server runs. */
  async svg(params: SvgParams): Promise<string | null> {
    const client = this.client;
    if (!client || this.state === 'stopped') throw new Error('the Lifeline language server is not running');
    return client.sendRequest(SvgRequest, params);
  }

  /** Stops the current server (if any) and starts a new one: the "Restart Server" command. */
  async restart(): Promise<boolean> {
    await this.stop();
    this.crashes = [];
    return (this.started = this.start());
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.disposeClientScope();
    if (client && client.state !== State.Stopped) {
      try {
        await client.stop(2000);
      } catch (e) {
        this.log.warn('stopping the language server failed', e);
      }
    }
    this.stateChanged.fire('stopped');
  }

  dispose(): void {
    void this.stop();
    this.stateChanged.dispose();
  }

  private failed(reason: string, error?: unknown): false {
    this.log.error(`the language server could not start: ${reason}`, ...(error ? [error] : []));
    void vscode.window
      .showErrorMessage(
        `Lifeline: the language server could not start: ${reason}. Diagnostics and the preview are unavailable.`,
        'Restart Server',
        'Show Log',
      )
      .then((choice) => {
        if (choice === 'Show Log') this.log.show();
        else if (choice === 'Restart Server') void this.restart();
      });
    return false;
  }

  /**
   * Restarts a crashed server (up to MAX_RESTARTS times in CRASH_WINDOW_MS) and tells the user
   * each time; the client's own messages are only logged (`handled`).
   */
  private errorHandler(): ErrorHandler {
    return {
      error: (error, _message, count) => {
        this.log.error('language server connection error', error);
        return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
      },
      closed: () => {
        const now = Date.now();
        this.crashes = [...this.crashes.filter((t) => now - t < CRASH_WINDOW_MS), now];
        if (this.crashes.length > MAX_RESTARTS) {
          const message = `Lifeline: the language server stopped ${this.crashes.length} times in 3 minutes and will not be restarted. Run "Lifeline: Restart Language Server" after fixing the cause.`;
          this.log.error(message);
          void vscode.window.showErrorMessage(message, 'Show Log').then((c) => c && this.log.show());
          return { action: CloseAction.DoNotRestart, handled: true };
        }
        const message = 'Lifeline: the language server stopped unexpectedly and was restarted.';
        this.log.warn(message);
        void vscode.window.showWarningMessage(message, 'Show Log').then((c) => c && this.log.show());
        return { action: CloseAction.Restart, handled: true };
      },
    };
  }

  private disposeClientScope(): void {
    for (const d of this.clientScope.splice(0)) d.dispose();
  }
}
