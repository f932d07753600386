import { strict as assert } from 'node:assert';
import { baseUrl, parseListenAddress } from '../../src/cli/listenAddress';
import { FlagError } from '../../src/cli/parseFlags';

describe('listen addresses', () => {
  it('splits host:port, :port and [v6]:port; an empty host means every interface', () => {
    assert.deepEqual(parseListenAddress(':10458'), { host: undefined, port: 10458, text: ':10458' });
    assert.deepEqual(parseListenAddress('127.0.0.1:0'), { host: '127.0.0.1', port: 0, text: '127.0.0.1:0' });
    assert.deepEqual(parseListenAddress('[::1]:9'), { host: '::1', port: 9, text: '[::1]:9' });
  });

  it('rejects what is not host:port, and ports out of range', () => {
    for (const bad of ['foo', '10458', 'host:', '1.2.3.4:99999'])
      assert.throws(() => parseListenAddress(bad), FlagError, bad);
  });

  it('shows a wildcard host as localhost and brackets IPv6 in the base URL', () => {
    assert.equal(baseUrl({ host: undefined }, 8080, false), 'http://localhost:8080');
    assert.equal(baseUrl({ host: '0.0.0.0' }, 1, true), 'https://localhost:1');
    assert.equal(baseUrl({ host: '::' }, 1, false), 'http://localhost:1');
    assert.equal(baseUrl({ host: '::1' }, 2, false), 'http://[::1]:2');
    assert.equal(baseUrl({ host: 'exporter.local' }, 3, false), 'http://exporter.local:3');
  });
});
