/**
 * Diagnostics, pushed after every change with the version they describe, at the severities the
 * user's settings ask for (settings.ts). They are worked out once the messages already received
 * are handled (inbox.ts; no fixed delay): changes that arrive together are analysed once, at the
 * latest version, after the requests that came with them are answered. A version whose
 * successor is already queued is not analysed at all, and a version is never published over a
 * newer one.
 */
import type { PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { diagnostics } from '../features/diagnostics';
import type { DocumentStore } from './documents';
import type { Inbox } from './inbox';
import { applySettings, type Settings, type SettingsCache } from './settings';

export class DiagnosticsScheduler {
  private readonly pending = new Set<string>();
  /** The version last published per document. */
  private readonly published = new Map<string, number>();

  constructor(
    private readonly store: DocumentStore,
    private readonly inbox: Inbox,
    private readonly settings: SettingsCache,
    private readonly send: (params: PublishDiagnosticsParams) => void,
    private readonly log: (message: string) => void,
  ) {}

  /** The document changed (or opened): publish its diagnostics once the inbox is handled. */
  schedule(uri: string): void {
    if (this.pending.has(uri)) return;
    this.pending.add(uri);
    this.inbox.afterReceived(() => {
      this.pending.delete(uri);
      try {
        this.run(uri);
      } catch (e) {
        this.log(`Lifeline: diagnostics for ${uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
    });
  }

  /** Every open document again (files changed on disk, or the settings did). */
  scheduleAll(): void {
    for (const uri of this.store.openUris()) this.schedule(uri);
  }

  /** The document closed: its diagnostics are withdrawn. */
  closed(uri: string): void {
    this.published.delete(uri);
    this.send({ uri, diagnostics: [] });
  }

  private run(uri: string): void {
    const current = this.store.documents.get(uri);
    if (!current || this.inbox.newerThan(uri, current.version)) return;
    const doc = this.store.get(uri);
    if (!doc || (this.published.get(uri) ?? -Infinity) > doc.version) return;
    const params = diagnostics(doc);
    const generation = this.settings.generation;
    const publish = (settings: Settings) => {
      // Settings changed while they were asked for: the run scheduled by that change publishes.
      // A document closed (or closed and opened again) meanwhile is another document now.
      if (generation !== this.settings.generation || this.store.documents.get(uri) !== current) return;
      if ((this.published.get(uri) ?? -Infinity) > doc.version) return;
      this.published.set(uri, doc.version);
      this.send(applySettings(params, settings));
    };
    const settings = this.settings.get(uri);
    if (settings instanceof Promise) void settings.then(publish);
    else publish(settings);
  }
}
