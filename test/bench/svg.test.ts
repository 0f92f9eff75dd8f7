/**
 * The SVG-vs-ASCII figure of `npm run bench` (issue 22): its shape on a small diagram, and the
 * budget's verdict from given figures. No timing is asserted.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generate } from '../../scripts/bench/generate';
import { budgets } from '../../scripts/bench/budgets';
import { renderReport, type BenchResults } from '../../scripts/bench/report';
import { summarize } from '../../scripts/bench/stats';
import { measureSvg } from '../../scripts/bench/svg';

describe('bench: SVG vs ASCII', () => {
  it('times both renders of the same model, alternately', () => {
    const r = measureSvg(generate({ messages: 300, participants: 12 }).seq, 300, { warmupMs: 0, runs: 4 });
    assert.equal(r.messages, 300);
    assert.equal(r.ascii.runs, 4);
    assert.equal(r.svg.runs, 4);
    assert.ok(Number.isFinite(r.ratio) && r.ratio > 0);
    assert.equal(r.ratio, r.svg.median / r.ascii.median);
    assert.ok(r.svgChars > 1000 && r.asciiChars > 1000);
  });

  const results = (svg: number, ascii: number): BenchResults => ({
    quick: false,
    command: 'npm run bench',
    date: '2026-12-06T00:00:00Z',
    machine: { cpu: 'test', cores: 2, memoryGiB: 1, os: 'test', node: process.version, loadStart: 0 },
    sizes: [],
    svg: { messages: 3000, ascii: summarize([ascii]), svg: summarize([svg]), ratio: svg / ascii, asciiChars: 1, svgChars: 1 },
  });
  for (const [svg, verdict] of [[40, 'met'], [41, 'NOT met']] as const) {
    it(`${svg} ms against 20 ms: ${verdict}`, () => {
      const b = budgets(results(svg, 20)).find((x) => x.name === 'SVG vs ASCII');
      assert.equal(b?.verdict, verdict);
      assert.match(b?.measured ?? '', new RegExp(`^${svg}\\.0 ms vs 20\\.0 ms = ${(svg / 20).toFixed(2)}×`));
      assert.match(renderReport(results(svg, 20)), /SVG vs ASCII/);
    });
  }

  it('not checked when 3,000 messages were not run', () => {
    const r = { ...results(1, 1), svg: undefined };
    assert.equal(budgets(r).find((x) => x.name === 'SVG vs ASCII')?.verdict, 'not checked');
  });
});
