# Reference values for exclusions by cohort (issue 11), computed with metafor from public/studies.csv.
# Run: Rscript scripts/reference/exclusions.R  → test/fixtures/exclusions.json
# The row selection is written here again, independently of src/: 5-year OS rows of one modality that have a point
# value and n, are not review-level ranges and not one-sided (a "one-sided" note, or a >, <, "up to", "at least",
# "more than", "almost" ... just before every place the quote prints the value); one row per cohort: the whole cohort
# (no arm) first, then the larger n, then seed 001, then file order. An excluded cohort loses all its rows.
# Then rma(PLO, REML, knha) as `nelm pool --outcome os_5y --by modality --exclude ...` fits each modality.
suppressMessages({
  library(metafor)
  library(jsonlite)
})

tab <- read.csv("public/studies.csv", stringsAsFactors = FALSE, na.strings = "", encoding = "UTF-8")
tab$file_row <- seq_len(nrow(tab)) + 1
markers <- c(">", "<", "\u2265", "\u2264", "up to", "at least", "more than", "greater than", "less than", "as much as",
  "almost", "over")
escape <- function(s) gsub("([.|()\\^{}+$*?\\[\\]\\\\])", "\\\\\\1", s)
value_text <- function(v) {
  s <- format(v, scientific = FALSE, trim = TRUE, drop0trailing = TRUE)
  s
}
one_sided <- function(note, quote, value) {
  if (!is.na(note) && grepl("one-sided", note, ignore.case = TRUE)) return(TRUE)
  if (!is.na(note) && grepl("^\\s*(>|<|\u2265|\u2264|up\\s+to|at\\s+least)", note, ignore.case = TRUE)) return(TRUE)
  v <- escape(value_text(value))
  at <- gregexpr(paste0("(?<![0-9.])", v, "(?![0-9])"), quote, perl = TRUE)[[1]]
  if (at[1] == -1) return(FALSE)
  before <- sapply(at, function(i) substr(quote, 1, i - 1))
  pat <- paste0("(^|[^A-Za-z0-9_])(", paste(gsub(" ", "\\\\s+", sapply(markers, escape)), collapse = "|"), ")\\s*$")
  all(grepl(pat, before, ignore.case = TRUE, perl = TRUE))
}

select_rows <- function(modality, exclude) {
  d <- tab[tab$outcome == "os_5y" & tab$modality == modality, ]
  d <- d[d$design != "review_range" & !is.na(d$value) & !is.na(d$n), ]
  d <- d[!mapply(one_sided, d$note, d$quote, d$value), ]
  d$whole <- is.na(d$arm) | d$arm == ""
  d$seed001 <- startsWith(d$seed, "001")
  d <- d[order(d$cohort_id, -d$whole, -d$n, -d$seed001, d$file_row), ]
  d <- d[!duplicated(d$cohort_id), ]
  d <- d[!(d$cohort_id %in% exclude), ]
  d[order(d$file_row), ]
}

ctrl <- list(threshold = 1e-12, tol = 1e-12, maxiter = 10000)
one_case <- function(name, modality, exclude) {
  d <- select_rows(modality, exclude)
  xi <- round(d$value / 100 * d$n)
  es <- escalc(measure = "PLO", xi = xi, ni = d$n)
  res <- rma.uni(es$yi, es$vi, method = "REML", test = "knha", control = ctrl)
  pr <- predict(res, transf = transf.ilogit)
  list(
    name = name, modality = modality, exclude = I(exclude), row_ids = I(d$row_id), events = I(xi), n = I(d$n),
    expected = list(
      k = res$k, estimate = as.numeric(res$b), se = res$se, ci = c(res$ci.lb, res$ci.ub),
      pi = c(predict(res)$pi.lb, predict(res)$pi.ub), tau2 = res$tau2,
      back = list(estimate = pr$pred, ci = c(pr$ci.lb, pr$ci.ub))
    )
  )
}

cases <- list(
  one_case("resection, nothing excluded", "resection", character(0)),
  one_case("resection without Mayo 2010", "resection", "mayo_2010"),
  one_case("resection without Mayo 2010 and Glazer 2010", "resection", c("mayo_2010", "glazer_2010")),
  one_case("transplant, nothing excluded", "transplant", character(0)),
  one_case("transplant without Le Treut 2007", "transplant", "letreut_2007")
)
out <- list(
  generated_by = "scripts/reference/exclusions.R",
  metafor = as.character(packageVersion("metafor")),
  cases = cases
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "test/fixtures/exclusions.json")
