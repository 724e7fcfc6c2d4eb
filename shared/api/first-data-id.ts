/** The id of the `<script type="application/json">` element that carries a drawn page's first data. */
export const firstPageDataId = 'first-page-data';
