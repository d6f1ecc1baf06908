export declare const cliBundlePath: () => string;
export declare function isCliBundleFresh(bundle?: string): boolean;
export declare function ensureCliBundle(bundle?: string): Promise<string | null>;
export declare const COMPOSE_WORKER_FILE: string;
