// Registers <ers-key-generator> once, however many times this module is imported. On a page of another
// origin than the tool's, it holds no secret there: it is a shell over the frame page made for
// embedding (js/frame-host.js); on the tool's own origin it is the element itself.
import { defineElement } from '../../js/frame-host.js';

await defineElement('ers-key-generator', async () => (await import('./ers-key-generator.js')).ErsKeyGenerator);
