// The picture over generated documents (the fuzzers' generators): every sequence's picture agrees
// with its ASCII drawing (svgCheck.ts), and the whole document's picture is well-formed XML.
import { test } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../../server/src/core/index';
import { renderSvgDocument } from '../../../server/src/core/render/index';
import { nearValidDocument, validDocument } from '../../fuzz/gen';
import { checkModel, parseSvg } from './svgCheck';

if (process.env.FC_RUNS) fc.configureGlobal({ numRuns: Number(process.env.FC_RUNS) });

test('valid documents: each picture agrees with the ASCII', () => {
  fc.assert(
    fc.property(validDocument, (doc) => {
      const { model } = analyze(doc.text);
      checkModel(model);
      parseSvg(renderSvgDocument(model));
    }),
    { numRuns: 60, endOnFailure: true },
  );
});

test('half-typed documents: still agree, still well-formed', () => {
  fc.assert(
    fc.property(nearValidDocument, (text) => {
      const { model } = analyze(text);
      checkModel(model);
      parseSvg(renderSvgDocument(model, { theme: 'vscode' }));
    }),
    { numRuns: 60, endOnFailure: true },
  );
});
