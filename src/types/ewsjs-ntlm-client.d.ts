// The package ships no types; this declares the three functions we call.
declare module '@ewsjs/ntlm-client' {
  export interface Type2Message {
    flags: number;
    encoding: string;
    version: number;
    challenge: Buffer;
    targetName: string;
    targetInfo?: unknown;
  }
  export function createType1Message(workstation?: string, target?: string): string;
  export function decodeType2Message(header: string): Type2Message;
  export function createType3Message(
    type2: Type2Message,
    username: string,
    password: string,
    workstation?: string,
    target?: string,
  ): string;
}
