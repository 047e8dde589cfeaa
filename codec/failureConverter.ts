// Failure messages and stack traces would otherwise be stored in plain text beside the encrypted
// payloads (a Kubernetes error can quote a manifest). This converter moves them into a payload,
// which the codec then encrypts. It is loaded by path into the workflow sandbox as well, so it
// imports nothing but @temporalio/common.
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
