# Shared form and list pieces (templates/pages/partials).
partial-error-summary-title = There is a problem
partial-pagination-label = Pages of this list
partial-pagination-previous = Previous page
partial-pagination-next = Next page
partial-pagination-page = Page { $page } of { $pages }
