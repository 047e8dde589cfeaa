// A codec setting in the environment that cannot be used (a bad key file, an unknown value): the
// CLI reports it as a usage error (exit 2) with the setting's name, not as a crash.
export class CodecSettingError extends Error {}
