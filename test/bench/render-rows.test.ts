/**
 * Guards the drawer's row reuse (a performance change made for the benchmark): the canvas
 * keeps one buffer and restores only the columns the previous row wrote. Every line of a
 * whole drawing must equal the same row drawn alone on a fresh canvas — wide characters,
 * combining marks, frames, notes and activation included, in both charsets.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel, parse } from '../../server/src/core/index';
import { drawLayout, layoutSequence, type Charset } from '../../server/src/core/render/index';
import { generate } from '../../scripts/bench/generate';

const WIDE = `actor User "用户"
service Auth "Auth 🙂"
database DB
sequence Wide text
  User -> +Auth: 登录 with 密码
  Auth -> DB: select e\u0301\u0301 row
  note over Auth, DB: 注意 🙂 wide
  alt 缓存命中
    DB --> Auth: 行
  else miss
    Auth -> Auth: 再试 🙂
  end
  Auth --> -User: トークン
  note left of User: 左
  == 第二阶段 ==
  ... 五分钟后 ...
  User -> DB: x
end
`;

function rowsAlone(text: string, charset: Charset): void {
  const { model } = buildModel(parse(text));
  for (const sequence of model.sequences) {
    const layout = layoutSequence(model, sequence, { charset });
    const whole = drawLayout(layout, charset);
    const header = whole.headerRows;
    layout.rows.forEach((row, i) => {
      const alone = drawLayout({ ...layout, rows: [row] }, charset);
      assert.equal(whole.lines[header + i], alone.lines[header], `${sequence.name}, ${charset}, row ${i} (${row.kind})`);
    });
  }
}

describe('drawer: every row draws as it would alone', () => {
  for (const charset of ['ascii', 'unicode'] as const) {
    it(`wide characters, combining marks, frames and notes (${charset})`, () => rowsAlone(WIDE, charset));
    it(`the benchmark's 300-message diagram (${charset})`, () => rowsAlone(generate({ messages: 300, participants: 12 }).seq, charset));
  }
});
