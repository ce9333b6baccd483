// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { scramble, SCRAMBLE_TABLE } from "../../lib/cd/scrambler.ts";
import { edc } from "../../lib/cd/edc.ts";
import { crc16Gsm } from "../../lib/cd/crc16.ts";
import { lbaToMsf, msfToLba } from "../../lib/cd/msf.ts";
import { buildDataSector, checkDataSector } from "../../lib/cd/sector.ts";
import {
  buildQIsrc,
  buildQMcn,
  buildQPosition,
  deinterleave,
  interleave,
  parseQIsrc,
  parseQMcn,
  parseQPosition,
  qCrcValid,
  Subchannel,
} from "../../lib/cd/subchannel.ts";

const EXAMPLE =
  new URL("../../../shared/examples/cd/example_mixed/example_mixed.scram.xz", import.meta.url)
    .pathname;

Deno.test("SCRAMBLE_TABLE starts with the ECMA-130 sequence", () => {
  assert.deepEqual(
    [...SCRAMBLE_TABLE.subarray(0, 28)],
    [
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0x01,
      0x80,
      0x00,
      0x60,
      0x00,
      0x28,
      0x00,
      0x1e,
      0x80,
      0x08,
      0x60,
      0x06,
      0xa8,
      0x02,
      0xfe,
      0x81,
    ],
  );
});

Deno.test("scramble() is its own inverse on unaligned buffers too", () => {
  const buf = new Uint8Array(2353);
  for (let i = 0; i < buf.length; i++) buf[i] = (i * 31) & 0xff;
  const copy = buf.slice();
  scramble(buf, 1);
  assert.notDeepEqual(buf, copy);
  scramble(buf, 1);
  assert.deepEqual(buf, copy);
});

Deno.test("edc() and crc16Gsm() give the catalogue check values", () => {
  const nine = new TextEncoder().encode("123456789");
  assert.equal(edc(nine), 0x6ec2edc4);
  assert.equal(crc16Gsm(nine), 0xce3c);
});

Deno.test("msfToLba() and lbaToMsf() round-trip across the lead-in wrap", () => {
  for (const lba of [-45150, -151, -150, -1, 0, 1, 16, 449849, 359999]) {
    assert.equal(msfToLba(lbaToMsf(lba)), lba);
  }
  assert.deepEqual(lbaToMsf(-45150), { m: 160, s: 0, f: 0 });
});

Deno.test("buildDataSector() makes Mode 1 and Mode 2 XA sectors that checkDataSector() accepts", () => {
  const data = new Uint8Array(2336).map((_, i) => (i * 7) & 0xff);
  for (const mode of ["mode1", "mode2form1", "mode2form2"] as const) {
    const s = buildDataSector(1234, mode, data);
    const r = checkDataSector(s);
    assert.equal(r.mode, mode);
    assert.equal(r.lba, 1234);
    assert.ok(r.edcOk && r.eccOk, mode);
    s[1000] ^= 0x10;
    const bad = checkDataSector(s);
    assert.ok(!bad.edcOk, `${mode} EDC must catch a flipped bit`);
  }
});

Deno.test("Q frames round-trip through interleaving, with valid CRCs", () => {
  const q = buildQPosition({ control: 0, track: 2, index: 0, relLba: 149, absLba: 1000 });
  assert.ok(qCrcValid(q));
  const raw = interleave({ p: true, q });
  const back = deinterleave(raw, Subchannel.Q);
  assert.deepEqual(back, q);
  assert.deepEqual(deinterleave(raw, Subchannel.P), new Uint8Array(12).fill(0xff));
  assert.deepEqual(parseQPosition(back), {
    control: 0,
    track: 2,
    index: 0,
    relLba: 149,
    absLba: 1000,
  });
  const mcn = buildQMcn(0, "0123456789012", 5);
  assert.ok(qCrcValid(mcn));
  assert.equal(parseQMcn(mcn), "0123456789012");
  const isrc = buildQIsrc(0, "USRC17607839", 5);
  assert.ok(qCrcValid(isrc));
  assert.equal(parseQIsrc(isrc), "USRC17607839");
  q[3] ^= 1;
  assert.ok(!qCrcValid(q));
});

Deno.test({
  name:
    "descrambled sectors of redumper's example_mixed dump pass EDC/ECC (skipped without shared/examples)",
  ignore: (() => {
    try {
      Deno.statSync(EXAMPLE);
      return false;
    } catch {
      return true;
    }
  })(),
  async fn() {
    const out = await new Deno.Command("xz", { args: ["-dc", EXAMPLE], stdout: "piped" }).output();
    const f = out.stdout;
    const base = 45150 * 2352; // LBA 0; this dump has write offset +1176 samples = 2 sectors
    let checked = 0;
    for (let k = 0; k < 10; k++) {
      const s = f.slice(base + k * 2352, base + (k + 1) * 2352);
      scramble(s);
      const r = checkDataSector(s);
      assert.equal(r.mode, "mode1");
      assert.equal(r.lba, k - 2);
      assert.ok(r.edcOk && r.eccOk);
      checked++;
    }
    assert.equal(checked, 10);
  },
});
