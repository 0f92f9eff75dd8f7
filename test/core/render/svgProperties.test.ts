// The picture over generated documents (the fuzzers' generators): every sequence's picture agrees
// with its ASCII drawing (svgCheck.ts), and the whole document's picture is well-formed XML.
import { test } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../../server/src/core/index';
import { renderSvgDocument } from '../../../server/src/core/render/index';
import { nearValidDocument, validDocument } from '../../fuzz/gen';
import { checkModel, parseSvg } from './svgCheck';

// FC_RUNS=N runs each property N times (a longer campaign than CI's 60).
const numRuns = Number(process.env.FC_RUNS ?? 60);

test('valid documents: each picture agrees with the ASCII', () => {
  fc.assert(
    fc.property(validDocument, (doc) => {
      const { model } = analyze(doc.text);
      checkModel(model);
      parseSvg(renderSvgDocument(model));
    }),
    { numRuns, endOnFailure: true },
  );
});

test('half-typed documents: still agree, still well-formed', () => {
  fc.assert(
    fc.property(nearValidDocument, (text) => {
      const { model } = analyze(text);
      checkModel(model);
      parseSvg(renderSvgDocument(model, { theme: 'vscode' }));
    }),
    { numRuns, endOnFailure: true },
  );
});
