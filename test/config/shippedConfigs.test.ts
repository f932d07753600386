import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig, parseConfig } from '../../src/config/loadConfig';
import { SOURCE_KINDS } from '../../src/sources/sourceKinds';

const CONFIG_DIR = resolve(__dirname, '../../../config');

describe('shipped configs', () => {
  it('config/exporter.example.yml is valid once its secrets exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'example-'));
    try {
      // The example points at a Docker secret path; give it a real file and the env vars it names.
      const text = readFileSync(join(CONFIG_DIR, 'exporter.example.yml'), 'utf8');
      const tokenFile = join(dir, 'token');
      writeFileSync(tokenFile, 'example-token\n');
      const env: Record<string, string> = { ROCKETCHAT_USER_ID: 'example-user' };
      for (const m of text.matchAll(/\{env: (\w+)\}/g)) env[m[1]!] ??= 'example-value';
      const config = parseConfig(text.replace(/\/run\/secrets\/\w+/g, tokenFile), {
        env,
        kinds: SOURCE_KINDS,
        file: join(dir, 'example.yml'),
      });
      assert.ok(config.targets.length >= 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('config/demo.yml is valid as shipped', async () => {
    const config = await loadConfig(join(CONFIG_DIR, 'demo.yml'), { env: {}, kinds: SOURCE_KINDS });
    assert.ok(config.targets.some((t) => t.kind === 'rocketchat'));
  });
});
