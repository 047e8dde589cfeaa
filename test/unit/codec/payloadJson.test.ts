// The remote codec protocol's JSON: what the `temporal` CLI and the Web UI send to the codec server.
import { BadPayloadJson, payloadsFromJson, payloadsToJson } from '../../../codec/payloadJson';

test('an empty list, left out as protobuf JSON leaves it out, is no payloads', () => {
  // `temporal workflow show --codec-endpoint` sends `{}` for an update accepted without arguments.
  expect(payloadsFromJson({})).toEqual([]);
  expect(payloadsFromJson({ payloads: [] })).toEqual([]);
});

test('payloads round-trip through their JSON form', () => {
  const payloads = payloadsFromJson({ payloads: [{ metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('"x"').toString('base64') }] });
  expect(Buffer.from(payloads[0].data!).toString()).toBe('"x"');
  expect(payloadsFromJson(payloadsToJson(payloads))).toEqual(payloads);
});

test('anything else is refused, naming what is wrong', () => {
  for (const body of [null, [], 'x', { payloads: 'x' }]) expect(() => payloadsFromJson(body)).toThrow(BadPayloadJson);
  expect(() => payloadsFromJson({ payloads: [1] })).toThrow('payloads[0] is not an object');
});
