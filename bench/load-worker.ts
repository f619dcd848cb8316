/** The worker-thread body of {@link runLoad}: drives the load given as workerData and posts the result. */
import { parentPort, workerData } from 'node:worker_threads';
import { driveLoad, type LoadOptions } from './http-load.js';

const result = await driveLoad(workerData as LoadOptions);
parentPort!.postMessage(result);
