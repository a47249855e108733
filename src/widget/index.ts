/**
 * `<script type="module" src="https://HOST/widget.js">`: defines `<ceu-catalog>` and
 * `<ceu-planner>`.
 */
import { CeuCatalog } from './catalog.js'
import { CeuPlanner } from './planner.js'

if (!customElements.get('ceu-catalog')) customElements.define('ceu-catalog', CeuCatalog)
if (!customElements.get('ceu-planner')) customElements.define('ceu-planner', CeuPlanner)
