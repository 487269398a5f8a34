/**
 * What face detection found on a photo, as kept (sealed) with the media: which detector, which
 * version, and each box with its score. Pure types and checks.
 */

/** A box in the upright picture's pixels: left, top, width, height. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A face the detector found. */
export interface FaceBox extends Box {
  /** The detector's confidence, 0–1. */
  readonly score: number;
}

/** One detection run over one photo. */
export interface DetectionManifest {
  /** `tiny_face_detector` (at ingest) or `ssd_mobilenetv1` (the stronger check in tests). */
  readonly detector: 'tiny_face_detector' | 'ssd_mobilenetv1';
  /** `@vladmandic/face-api@<version>`: the package that shipped model and weights. */
  readonly version: string;
  /** Input side the detector ran at, in pixels. */
  readonly inputSize: number;
  /** Lowest score kept. */
  readonly scoreMin: number;
  /** Size of the upright picture the boxes refer to. */
  readonly width: number;
  readonly height: number;
  /** Every box at or above `scoreMin`, highest score first. */
  readonly faces: readonly FaceBox[];
}

/** True when at least one face scores `floor` or more: only then may a flagged photo go out redacted. */
export function confidentFaceFound(manifest: DetectionManifest, floor: number): boolean {
  return manifest.faces.some((f) => f.score >= floor);
}
