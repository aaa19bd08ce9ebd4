# Reference values for src/meta/begg.ts and src/meta/kendallTau.ts at large k (issue 16): Begg & Mazumdar's rank
# correlation test as metafor::ranktest computes it — yi* = (yi - theta) / sqrt(vi - 1/sum(wi)) against vi by
# Kendall's tau (cor.test(method = "kendall")).
# metafor's ranktest passes exact = TRUE to cor.test, so without ties it asks for the exact null distribution at
# every k (R's pkendall: infeasible at k = 5 000); with ties cor.test falls back to the normal approximation with
# the tie-corrected variance (no continuity correction). Our rule: exact for k <= 50 without ties, else the normal
# approximation — cor.test(exact = FALSE). Each set records
#   cor_test:        cor.test(yi.star, vi, method = "kendall", exact = FALSE)   (what we must match)
#   ranktest_normal: metafor::ranktest(yi, vi, exact = FALSE)                   (must equal cor_test)
#   ranktest:        metafor::ranktest(yi, vi) with its default exact = TRUE    (k <= 200 only; equals the normal
#                    approximation when there are ties, the exact p when there are none)
# Run from the repository root:  Rscript scripts/reference/begg-large.R   (writes test/fixtures/begg-large.json)
suppressMessages({
  library(metafor)
  library(jsonlite)
})

num <- function(x) unname(as.numeric(x))

# k studies; vi on a grid (ties in vi), yi rounded, 5 % of studies copied (ties in yi*), optional small-study effect
make_set <- function(name, k, seed, slope, ties = TRUE) {
  set.seed(seed)
  if (ties) {
    vi <- round(runif(k, 0.01, 0.5), 3)
    yi <- round(rnorm(k, 0.3 + slope * sqrt(vi), sqrt(vi + 0.05)), 2)
    dup <- sample.int(k, ceiling(0.05 * k))
    dup <- dup[seq_len(length(dup) %/% 2 * 2)]
    half <- length(dup) / 2
    # the second half of the sampled studies become copies of the first half
    yi[dup[(half + 1):(2 * half)]] <- yi[dup[1:half]]
    vi[dup[(half + 1):(2 * half)]] <- vi[dup[1:half]]
  } else {
    vi <- runif(k, 0.01, 0.5)
    yi <- rnorm(k, 0.3 + slope * sqrt(vi), sqrt(vi + 0.05))
  }
  wi <- 1 / vi
  theta <- weighted.mean(yi, wi)
  ystar <- (yi - theta) / sqrt(vi - 1 / sum(wi))
  ct <- suppressWarnings(cor.test(ystar, vi, method = "kendall", exact = FALSE))
  rn <- ranktest(yi, vi, exact = FALSE)
  rd <- if (k <= 200) suppressWarnings(ranktest(yi, vi)) else NULL
  list(
    name = name, k = k, seed = seed, slope = slope,
    ties = list(yi_star = sum(duplicated(ystar)), vi = sum(duplicated(vi))),
    yi = yi, vi = vi,
    cor_test = list(tau = num(ct$estimate), z = num(ct$statistic), p = num(ct$p.value)),
    ranktest_normal = list(tau = num(rn$tau), p = num(rn$pval)),
    ranktest = if (is.null(rd)) NULL else list(tau = num(rd$tau), p = num(rd$pval))
  )
}

sets <- list(
  make_set("k50_no_ties", 50, 16050, 0, ties = FALSE),
  make_set("k60_no_ties", 60, 16060, 0, ties = FALSE),
  make_set("k60", 60, 1660, 0),
  make_set("k200_bias", 200, 16200, 1.5),
  make_set("k1000", 1000, 161000, 0.3),
  make_set("k5000_bias", 5000, 165000, 1)
)

out <- list(
  metafor_version = as.character(packageVersion("metafor")),
  r_version = paste(R.version$major, R.version$minor, sep = "."),
  sets = sets
)
dir.create("test/fixtures", showWarnings = FALSE, recursive = TRUE)
write_json(out, "test/fixtures/begg-large.json", digits = NA, auto_unbox = TRUE, null = "null", pretty = FALSE)
