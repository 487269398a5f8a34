/** Debian packages the end-to-end tests need. */
export declare const E2E_PACKAGES: readonly string[];
/** The first executable called `name` on PATH, or undefined. */
export declare function findOnPath(name: string): string | undefined;
/** Chromium to drive: `N2K_CHROMIUM` when set, else Debian's `chromium` on PATH. */
export declare function findChromium(): string | undefined;
/** Debian's `ffmpeg` and `ffprobe` (`N2K_FFMPEG` / `N2K_FFPROBE` when set), or undefined when either is missing. */
export declare function findFfmpeg(): { readonly ffmpeg: string; readonly ffprobe: string } | undefined;
/** Whether fontconfig knows a font for Khmer script. */
export declare function hasKhmerFont(): boolean;
