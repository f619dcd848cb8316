import { describeConformance } from './run-cases.js';
import { libraryDoor } from './doors.js';

describe('ephemeral-cases.json through the library door', () => {
  describeConformance(libraryDoor);
});
