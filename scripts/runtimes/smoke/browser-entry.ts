/**
 * Entry for a browser page: exposes the smoke program as `globalThis.textgenSmoke(mockUrl)`, which the runner calls
 * through playwright's `page.evaluate`.
 */
import { runSmokeCases } from './smoke-cases';

(globalThis as { textgenSmoke?: typeof runSmokeCases }).textgenSmoke = runSmokeCases;
