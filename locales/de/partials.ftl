# Shared form and list pieces (templates/pages/partials).
partial-error-summary-title = Es gibt ein Problem
partial-pagination-label = Seiten dieser Liste
partial-pagination-previous = Vorherige Seite
partial-pagination-next = Nächste Seite
partial-pagination-page = Seite { $page } von { $pages }
