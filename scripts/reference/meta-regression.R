# Reference values for mixed-effects meta-regression (src/meta/metaRegression.ts), computed with metafor.
# Run: Rscript scripts/reference/meta-regression.R  → test/fixtures/meta-regression.json
# rma(yi, vi, mods = ~ ...) on several metadat data sets with continuous and categorical moderators (one and two),
# every τ² method, z and Knapp–Hartung, generic effects (log RR, Fisher z, SMD) and proportions (PLO via escalc);
# predict() at chosen moderator values; permutest() at a fixed seed (approximate) and exact permutation tests.
suppressMessages({
  library(metafor)
  library(metadat)
  library(jsonlite)
})

# Tight control: metafor's defaults (threshold 1e-5, tol = eps^0.25) are not precise to 1e-6.
# stepadj = 0.5 halves the Fisher-scoring steps (stable); tol is uniroot's tolerance for PM.
ctrl <- list(tau2.min = 0, threshold = 1e-12, tol = 1e-12, maxiter = 10000, stepadj = 0.5)
methods <- c("FE", "DL", "REML", "ML", "PM", "HE", "SJ", "EB")

# --- data sets: one row per study with yi, vi (and events, n for proportions) and the moderator columns
bcg_es <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
bcg <- data.frame(study = paste(dat.bcg$author, dat.bcg$year), yi = as.numeric(bcg_es$yi),
                  vi = as.numeric(bcg_es$vi), ablat = dat.bcg$ablat, year = dat.bcg$year,
                  alloc = as.character(dat.bcg$alloc), stringsAsFactors = FALSE)

# two latitudes missing: metafor drops those studies ("Studies with NAs omitted from model fitting")
bcg_missing <- bcg
bcg_missing$ablat[c(3, 7)] <- NA

mol_es <- escalc(measure = "ZCOR", ri = ri, ni = ni, data = dat.molloy2014)
molloy <- data.frame(study = paste(dat.molloy2014$authors, dat.molloy2014$year), yi = as.numeric(mol_es$yi),
                     vi = as.numeric(mol_es$vi), meanage = dat.molloy2014$meanage,
                     quality = dat.molloy2014$quality, design = dat.molloy2014$design, stringsAsFactors = FALSE)

k11 <- dat.konstantopoulos2011
konst <- data.frame(study = paste(k11$district, k11$school), yi = k11$yi, vi = k11$vi, year = k11$year,
                    stringsAsFactors = FALSE)

deb <- dat.debruin2009
deb_es <- escalc(measure = "PLO", xi = xi, ni = ni, data = deb)
debruin <- data.frame(study = deb$author, events = deb$xi, n = deb$ni, yi = as.numeric(deb_es$yi),
                      vi = as.numeric(deb_es$vi), scq = deb$scq, ethnicity = as.character(deb$ethnicity),
                      select = as.character(deb$select), stringsAsFactors = FALSE)

# The nine poolable resection os_5y rows of public/studies.csv (row_id as study) as the analysis layer selects them
# (one row per cohort; events = round(value/100 × n)); year is empty for s000-0011 (a series cited by seed 000).
nelm_rows <- data.frame(
  study = c("s000-0011", "s001-0009", "s001-0012", "s001-0014", "s001-0038", "s001-0043", "s001-0048", "s001-0050",
            "s001-0052"),
  events = c(43, 104, 251, 122, 33, 22, 17, 22, 37), n = c(70, 170, 339, 159, 47, 26, 23, 30, 50),
  year = c(NA, 2003, 2010, 2010, 2003, 2006, 2008, 2008, 2009),
  design = c("prospective", "retrospective", "retrospective", "retrospective", "prospective", "retrospective",
             "retrospective", "retrospective", "retrospective"), stringsAsFactors = FALSE)
nelm_es <- escalc(measure = "PLO", xi = events, ni = n, data = nelm_rows)
nelm_rows$yi <- as.numeric(nelm_es$yi)
nelm_rows$vi <- as.numeric(nelm_es$vi)

datasets <- list(
  bcg = list(measure = "GEN", source = "dat.bcg, escalc RR (log risk ratio)", data = bcg),
  bcg_missing = list(measure = "GEN", source = "dat.bcg, escalc RR, ablat set to NA in rows 3 and 7", data = bcg_missing),
  molloy = list(measure = "GEN", source = "dat.molloy2014, escalc ZCOR (Fisher z)", data = molloy),
  konstantopoulos = list(measure = "GEN", source = "dat.konstantopoulos2011 (SMD as given)", data = konst),
  debruin = list(measure = "PLO", source = "dat.debruin2009, escalc PLO (logit proportion)", data = debruin),
  bcg6 = list(measure = "GEN", source = "dat.bcg rows 1-6, escalc RR", data = bcg[1:6, ]),
  debruin10 = list(measure = "PLO", source = "dat.debruin2009 rows 1-10, escalc PLO", data = debruin[1:10, ]),
  nelm_resection_os5y = list(measure = "PLO", source = "public/studies.csv: resection, os_5y, escalc PLO", data = nelm_rows)
)

formula_of <- function(mods) as.formula(paste("~", paste(mods, collapse = " + ")))

fit_of <- function(ds, mods, method, test) {
  d <- datasets[[ds]]$data
  suppressWarnings(rma(yi, vi, mods = formula_of(mods), data = d, method = method, test = test, control = ctrl))
}

# newmods rows for predict(): the model-matrix columns (without intercept) at the given moderator values
newmods_of <- function(res, at) {
  cn <- colnames(res$X)[-1]
  t(sapply(at, function(a) {
    sapply(cn, function(c) {
      if (!is.null(a[[c]])) return(as.numeric(a[[c]]))
      for (m in names(a)) if (is.character(a[[m]]) && c == paste0(m, a[[m]])) return(1)
      0
    })
  }))
}

one_case <- function(ds, mods, method, test, at = NULL) {
  res <- fit_of(ds, mods, method, test)
  coefs <- lapply(seq_len(res$p), function(j) list(
    name = rownames(res$beta)[j], estimate = res$beta[j, 1], se = res$se[j], stat = res$zval[j],
    ci = c(res$ci.lb[j], res$ci.ub[j]), p = res$pval[j]))
  preds <- NULL
  if (!is.null(at)) {
    nm <- newmods_of(res, at)
    pr <- predict(res, newmods = nm)
    preds <- lapply(seq_along(at), function(i) list(
      at = at[[i]], pred = pr$pred[i], se = pr$se[i], ci = c(pr$ci.lb[i], pr$ci.ub[i]),
      pi = if (method == "FE") NULL else c(pr$pi.lb[i], pr$pi.ub[i])))
  }
  list(
    name = paste(ds, paste(mods, collapse = "+"), method, test), dataset = ds, mods = I(mods), method = method,
    test = test,
    expected = list(
      k = res$k, p = res$p, coefficients = coefs, tau2 = res$tau2,
      I2 = res$I2, H2 = res$H2, R2 = if (is.null(res$R2)) NULL else res$R2,
      QM = res$QM, QM_df = res$QMdf[1], QM_p = res$QMp,
      QE = res$QE, QE_df = res$k - res$p, QE_p = res$QEp,
      df = if (test == "knha") res$k - res$p else NULL,
      omitted = I(which(!res$not.na)),
      predictions = preds
    )
  )
}

cases <- list()
add <- function(...) cases[[length(cases) + 1]] <<- one_case(...)

at_ablat <- list(list(ablat = 10), list(ablat = 33.5), list(ablat = 55))
for (me in methods) for (te in c("z", "knha")) add("bcg", "ablat", me, te, at_ablat)
add("bcg", "year", "REML", "z")
add("bcg", "year", "DL", "knha")
at_ay <- list(list(ablat = 20, year = 1950), list(ablat = 50, year = 1975))
for (mt in list(c("REML", "knha"), c("ML", "z"), c("PM", "knha"), c("SJ", "z"), c("HE", "knha"), c("EB", "z"),
                c("FE", "z"), c("DL", "z"))) {
  add("bcg", c("ablat", "year"), mt[1], mt[2], at_ay)
}
at_alloc <- list(list(alloc = "alternate"), list(alloc = "random"), list(alloc = "systematic"))
add("bcg", "alloc", "REML", "knha", at_alloc)
add("bcg", "alloc", "DL", "z")
add("bcg", "alloc", "FE", "knha")
add("bcg", c("ablat", "alloc"), "REML", "knha", list(list(ablat = 30, alloc = "systematic")))
add("bcg", c("ablat", "alloc"), "PM", "z")
add("bcg_missing", "ablat", "REML", "knha", at_ablat)
add("molloy", "meanage", "REML", "knha", list(list(meanage = 40)))
add("molloy", "meanage", "DL", "z")
add("molloy", c("quality", "design"), "REML", "knha", list(list(quality = 2, design = "prospective")))
add("molloy", c("quality", "design"), "ML", "z")
add("molloy", c("quality", "design"), "EB", "knha")
add("konstantopoulos", "year", "REML", "z", list(list(year = 1990)))
add("konstantopoulos", "year", "REML", "knha")
add("konstantopoulos", "year", "PM", "knha")
add("konstantopoulos", "year", "SJ", "knha")
at_scq <- list(list(scq = 5), list(scq = 25))
add("debruin", "scq", "REML", "knha", at_scq)
add("debruin", "scq", "DL", "z", at_scq)
add("debruin", "scq", "PM", "z")
add("debruin", "scq", "HE", "knha")
add("debruin", "ethnicity", "REML", "knha", list(list(ethnicity = "caucasian"), list(ethnicity = "other")))
add("debruin", "ethnicity", "ML", "z")
add("debruin", c("scq", "select"), "REML", "z")
add("debruin", c("scq", "select"), "EB", "knha")
add("nelm_resection_os5y", "year", "REML", "knha", list(list(year = 2000), list(year = 2010)))
add("nelm_resection_os5y", c("year", "design"), "REML", "knha")
add("nelm_resection_os5y", "n", "DL", "z")

# --- permutation tests: approximate at a fixed seed (1 000 permutations), exact where the distinct permutations
# of the model-matrix rows number at most `iter` (permutest then enumerates them all).
perm_case <- function(ds, mods, method, test, iter = 1000, seed = 20240817) {
  res <- fit_of(ds, mods, method, test)
  pt <- suppressWarnings(permutest(res, iter = iter, progbar = FALSE, seed = seed))
  exact <- pt$exact.iter <= iter
  list(
    name = paste("permutest", ds, paste(mods, collapse = "+"), method, test), dataset = ds, mods = I(mods),
    method = method, test = test, iter = iter, seed = if (exact) NULL else seed,
    exact = exact, exact_iter = pt$exact.iter,
    expected = list(QM = res$QM, QM_p = pt$QMp, pval = as.numeric(pt$pval))
  )
}
permutations <- list(
  perm_case("bcg", "ablat", "REML", "knha"),
  perm_case("bcg", "alloc", "REML", "z"),
  perm_case("molloy", "meanage", "DL", "z"),
  perm_case("debruin", "scq", "REML", "knha"),
  perm_case("bcg6", "ablat", "REML", "knha"),
  perm_case("debruin10", "select", "DL", "z"),
  perm_case("bcg6", "ablat", "FE", "z")
)

out <- list(
  generated_by = "scripts/reference/meta-regression.R",
  metafor = as.character(packageVersion("metafor")),
  metadat = as.character(packageVersion("metadat")),
  control = ctrl,
  datasets = lapply(datasets, function(d) list(measure = d$measure, source = d$source, rows = d$data)),
  cases = cases,
  permutations = permutations
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, null = "null", na = "null", dataframe = "rows"),
           "test/fixtures/meta-regression.json")
cat(length(cases), "fits and", length(permutations), "permutation tests written to test/fixtures/meta-regression.json\n")
