# Reference fixture for pooledMedian() (src/meta/pooledMedian.ts): the median of the medians (MM) and the weighted
# median of the medians (WM, weights = n) of McGrath, Zhao, Qin, Steele & Benedetti 2019, Stat Med 38:969-984,
# written here from the paper's definitions in base R (no package: metamedian is not in Debian, and its pool.med is
# not used or copied). Definitions, for k study medians y with order statistics y(1) <= ... <= y(k):
#   MM  estimate  = the sample median of y (mean of the two middle values when k is even).
#   CI            = the sign-test inversion [y(r), y(k - r + 1)], r the largest integer with
#                   P(Bin(k, 1/2) <= r - 1) <= (1 - level) / 2; exact coverage 1 - 2 P(Bin(k, 1/2) <= r - 1).
#                   No r >= 1 exists when 2 * 0.5^k > 1 - level (k <= 5 at 95 %): no interval.
#   WM  weights   = n (studies without n are left out of WM); C(j) = share of the weight at or below y(j),
#                   S(j) = share at or above y(j).
#       lower p-quantile = min{ y(j) : C(j) >= p },  upper p-quantile = max{ y(j) : S(j) >= p }.
#       estimate  = the mean of the lower and upper 1/2-quantiles (the ordinary median when the weights are equal).
#       CI        = [lower (r / k)-quantile, upper (r / k)-quantile] with the unweighted r (equal weights: the MM CI).
# Comparisons C(j) >= p are made as k * cumsum(w) >= r * W, exact for integer weights.
# Run: Rscript scripts/reference/pooled-median.R  -> test/fixtures/pooled-median.json
suppressMessages(library(jsonlite))

sign_test_r <- function(k, level) {
  alpha2 <- (1 - level) / 2
  r <- 0
  for (j in seq_len(floor((k + 1) / 2))) if (pbinom(j - 1, k, 0.5) <= alpha2) r <- j
  r
}

mm <- function(y, level) {
  k <- length(y)
  if (k == 0) return(list(estimate = NULL, ci = NULL, coverage = NULL, k = 0L))
  ys <- sort(y)
  r <- sign_test_r(k, level)
  ci <- if (r >= 1) c(ys[r], ys[k - r + 1]) else NULL
  coverage <- if (r >= 1) 1 - 2 * pbinom(r - 1, k, 0.5) else NULL
  list(estimate = median(y), ci = ci, coverage = coverage, k = k)
}

wm <- function(y, w, level) {
  keep <- !is.na(w)
  y <- y[keep]
  w <- w[keep]
  k <- length(y)
  if (k == 0) return(list(estimate = NULL, ci = NULL, coverage = NULL, k = 0L))
  o <- order(y)
  ys <- y[o]
  ws <- w[o]
  W <- sum(ws)
  below <- cumsum(ws)                 # weight at or below ys[j]
  above <- rev(cumsum(rev(ws)))       # weight at or above ys[j]
  # p = num / den as integers, so that the comparisons are exact
  lower_q <- function(num, den) ys[min(which(den * below >= num * W))]
  upper_q <- function(num, den) ys[max(which(den * above >= num * W))]
  estimate <- (lower_q(1, 2) + upper_q(1, 2)) / 2
  r <- sign_test_r(k, level)
  ci <- if (r >= 1) c(lower_q(r, k), upper_q(r, k)) else NULL
  coverage <- if (r >= 1) 1 - 2 * pbinom(r - 1, k, 0.5) else NULL
  list(estimate = estimate, ci = ci, coverage = coverage, k = k)
}

cases <- list()
add <- function(name, median, n = rep(NA, length(median)), level = 0.95) {
  cases[[length(cases) + 1]] <<- list(
    name = name, level = level,
    studies = lapply(seq_along(median), function(i) list(median = median[i], n = if (is.na(n[i])) NULL else n[i])),
    median_of_medians = mm(median, level),
    weighted_median_of_medians = wm(median, n, level)
  )
}

# k = 1 and k = 2: estimates, no 95 % interval
add("k = 1", 35, 48)
add("k = 2, unequal n: the weighted median is the larger study's median", c(22, 70), c(20, 148))
add("k = 2, equal n: weighted = unweighted = the mean of the two", c(22, 28), c(21, 21))
# k = 5: the widest interval [min, max] covers 93.75 %, so none at 95 % (but one at 90 %)
add("k = 5", c(53, 125, 70, 35, 46.8), c(25, 339, 148, 48, 63))
add("k = 5 at the 90 % level", c(53, 125, 70, 35, 46.8), c(25, 339, 148, 48, 63), level = 0.90)
# k = 6: the smallest k with a 95 % interval, [y(1), y(6)], coverage 1 - 2/64
add("k = 6", c(53, 125, 70, 35, 46.8, 83), c(25, 339, 148, 48, 63, 46))
# ties: tied medians, and a weight split exactly at one half (estimate = mean of the two middle values)
add("ties among the medians", c(24, 24, 36, 24, 60, 36, 18, 24), c(10, 30, 12, 8, 40, 20, 15, 25))
add("weight split exactly at one half", c(10, 20, 30, 40), c(30, 20, 10, 40))
add("all medians tied", c(14.3, 14.3, 14.3, 14.3, 14.3, 14.3, 14.3), c(85, 42, 10, 5, 60, 71, 12))
# rows without n: in MM, left out of WM
add("rows without n", c(72, 53, 35, 70, 125, 22, 28, 46.8, 61), c(89, 25, NA, 148, 339, NA, NA, 63, 120))
add("no row has n", c(11.4, 11.1, 14.3), c(NA, NA, NA))
# larger k: r > 1
set.seed(20190315)
y15 <- round(rexp(15, 1 / 40), 1)
n15 <- sample(5:400, 15, replace = TRUE)
add("k = 15 (exponential medians, random n)", y15, n15)
y40 <- round(rlnorm(40, log(30), 0.6), 2)
n40 <- sample(10:250, 40, replace = TRUE)
add("k = 40 (log-normal medians, random n)", y40, n40)
add("k = 40 at the 99 % level", y40, n40, level = 0.99)
add("k = 0", numeric(0), numeric(0))

write_json(list(source = "base R from McGrath et al. 2019 (scripts/reference/pooled-median.R)",
                r_version = R.version.string, cases = cases),
           "test/fixtures/pooled-median.json", digits = NA, auto_unbox = TRUE, pretty = TRUE, null = "null")
