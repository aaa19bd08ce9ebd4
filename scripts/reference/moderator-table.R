# Reference values for the moderator table joined to the study table (src/analysis/regression.ts), with metafor.
# Run: Rscript scripts/reference/moderator-table.R  → test/fixtures/moderator-table.json
# The nine poolable resection os_5y rows (as in meta-regression.R) get their cohort_id from public/studies.csv and
# each moderator of public/moderators.csv by cohort_id (missing → NA, which rma omits); rma(yi, vi, mods = ~ m) and
# predict(..., transf = transf.ilogit) at the ends of the moderator's range (the bubble plot's line, in proportions).
suppressMessages({
  library(metafor)
  library(jsonlite)
})
ctrl <- list(tau2.min = 0, threshold = 1e-12, tol = 1e-12, maxiter = 10000, stepadj = 0.5)

studies <- read.csv("public/studies.csv", stringsAsFactors = FALSE, check.names = FALSE)
moderators <- read.csv("public/moderators.csv", stringsAsFactors = FALSE, check.names = FALSE)
rows <- data.frame(
  row_id = c("s000-0011", "s001-0009", "s001-0012", "s001-0014", "s001-0038", "s001-0043", "s001-0048", "s001-0050",
             "s001-0052"),
  events = c(43, 104, 251, 122, 33, 22, 17, 22, 37), n = c(70, 170, 339, 159, 47, 26, 23, 30, 50),
  stringsAsFactors = FALSE)
rows$cohort_id <- studies$cohort_id[match(rows$row_id, studies$row_id)]
rows$year <- studies$year[match(rows$row_id, studies$row_id)]
es <- escalc(measure = "PLO", xi = events, ni = n, data = rows)
rows$yi <- as.numeric(es$yi)
rows$vi <- as.numeric(es$vi)
value_of <- function(name) {
  m <- moderators[moderators$moderator == name, ]
  as.numeric(m$value[match(rows$cohort_id, m$cohort_id)])
}

one <- function(name, method, test) {
  x <- if (name == "year") rows$year else value_of(name)
  res <- rma(rows$yi, rows$vi, mods = ~ x, method = method, test = test, control = ctrl)
  used <- x[!is.na(x)]
  ends <- predict(res, newmods = c(min(used), max(used)), transf = transf.ilogit)
  list(
    moderator = name, method = method, test = test,
    values = I(ifelse(is.na(x), NA, x)),
    expected = list(
      k = res$k, estimate = I(as.numeric(res$beta)), se = I(as.numeric(res$se)), ci_lb = I(as.numeric(res$ci.lb)),
      ci_ub = I(as.numeric(res$ci.ub)), p = I(as.numeric(res$pval)), tau2 = res$tau2, QM = res$QM, QM_p = res$QMp,
      QE = res$QE, QE_p = res$QEp, I2 = res$I2, R2 = if (is.null(res$R2)) NULL else res$R2,
      line = list(x = I(c(min(used), max(used))), pred = I(as.numeric(ends$pred)),
                  ci_lb = I(as.numeric(ends$ci.lb)), ci_ub = I(as.numeric(ends$ci.ub)))
    )
  )
}

cases <- list(
  one("rfa_combined_pct", "REML", "knha"),
  one("rfa_combined_pct", "DL", "z"),
  one("year", "REML", "knha")
)
out <- list(
  generated = paste("metafor", packageVersion("metafor"), "/", R.version.string),
  rows = rows[, c("row_id", "cohort_id")],
  cases = cases
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, null = "null", na = "null", pretty = TRUE),
           "test/fixtures/moderator-table.json")
