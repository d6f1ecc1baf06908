// mailauth ships no types for its DMARC record lookup; this is the part domain-check.ts uses.
declare module 'mailauth/lib/dmarc/get-dmarc-record' {
  type Resolver = (name: string, rrtype: string) => Promise<string[] | string[][]>;
  interface DmarcRecord {
    v?: string;
    p?: string;
    sp?: string;
    rua?: string;
    rr: string;
    /** The record is the organizational domain's (or a PSD's), not the author domain's own. */
    isOrgRecord: boolean;
    recordDomain: string;
    orgDomain: string | null;
    [tag: string]: unknown;
  }
  /** The DMARC record that applies to a domain (RFC 9989 tree walk), or false. */
  export default function getDmarcRecord(domain: string, resolver?: Resolver): Promise<DmarcRecord | false>;
}
