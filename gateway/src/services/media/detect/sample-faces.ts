/**
 * The faces in the sample photographs shipped with `@vladmandic/face-api` (`demo/sample1.jpg` …
 * `sample6.jpg`, 1920 px wide, adults at parties), counted by hand: one point per person, near the
 * middle of the face (between the eyes and the nose), in the photo's pixels. Test-only ground truth.
 *
 * 22 faces in 6 photos: 3, 3, 3, 4, 5 and 4; frontal, three-quarter and lowered heads, some
 * partly covered by hair.
 */
import sample1 from '@vladmandic/face-api/demo/sample1.jpg';
import sample2 from '@vladmandic/face-api/demo/sample2.jpg';
import sample3 from '@vladmandic/face-api/demo/sample3.jpg';
import sample4 from '@vladmandic/face-api/demo/sample4.jpg';
import sample5 from '@vladmandic/face-api/demo/sample5.jpg';
import sample6 from '@vladmandic/face-api/demo/sample6.jpg';

/** A sample photograph and the faces in it. */
export interface SamplePhoto {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** [x, y] of each face, counted by hand. */
  readonly faces: readonly (readonly [number, number])[];
}

/** The six photographs, in file order. */
export const SAMPLE_PHOTOS: readonly SamplePhoto[] = [
  {
    name: 'sample1.jpg',
    bytes: new Uint8Array(sample1),
    faces: [
      [516, 480],
      [930, 530],
      [1580, 320],
    ],
  },
  {
    name: 'sample2.jpg',
    bytes: new Uint8Array(sample2),
    faces: [
      [450, 280],
      [1010, 370],
      [1550, 280],
    ],
  },
  {
    name: 'sample3.jpg',
    bytes: new Uint8Array(sample3),
    faces: [
      [680, 470],
      [1160, 350],
      [1600, 430],
    ],
  },
  {
    name: 'sample4.jpg',
    bytes: new Uint8Array(sample4),
    faces: [
      [350, 320],
      [760, 190],
      [1090, 260],
      [1360, 260],
    ],
  },
  {
    name: 'sample5.jpg',
    bytes: new Uint8Array(sample5),
    faces: [
      [860, 170],
      [660, 560],
      [1180, 320],
      [1500, 530],
      [470, 1020],
    ],
  },
  {
    name: 'sample6.jpg',
    bytes: new Uint8Array(sample6),
    faces: [
      [350, 630],
      [750, 480],
      [1270, 460],
      [1590, 410],
    ],
  },
];
