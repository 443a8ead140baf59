# Shared form and list pieces (templates/pages/partials).
partial-error-summary-title = Il y a un problème
partial-pagination-label = Pages de cette liste
partial-pagination-previous = Page précédente
partial-pagination-next = Page suivante
partial-pagination-page = Page { $page } sur { $pages }
