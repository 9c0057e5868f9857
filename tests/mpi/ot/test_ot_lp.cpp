// SPDX-License-Identifier: BSD-3-Clause
// As eta grows the entropic transport cost approaches the exact optimum of the linear
// program min <C, P> s.t. P1 = r, Pᵀ1 = c, P >= 0, solved here by GLPK's simplex.
#include <glpk.h>
#include <gtest/gtest.h>

#include <vector>

#include "ot_test_util.hpp"
#include "solvers/ot/ot_solve.hpp"

namespace las {
namespace {

double lp_optimum(const std::vector<double>& r, const std::vector<double>& c,
                  const std::vector<double>& cost) {
  const int m = static_cast<int>(r.size()), n = static_cast<int>(c.size());
  glp_prob* lp = glp_create_prob();
  glp_set_obj_dir(lp, GLP_MIN);
  glp_add_rows(lp, m + n);
  for (int i = 0; i < m; ++i) glp_set_row_bnds(lp, i + 1, GLP_FX, r[size_t(i)], r[size_t(i)]);
  for (int j = 0; j < n; ++j) glp_set_row_bnds(lp, m + j + 1, GLP_FX, c[size_t(j)], c[size_t(j)]);
  glp_add_cols(lp, m * n);
  // GLPK's arrays are 1-based: entry 0 is unused.
  std::vector<int> ia(1), ja(1);
  std::vector<double> ar(1);
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) {
      const int col = i * n + j + 1;
      glp_set_col_bnds(lp, col, GLP_LO, 0.0, 0.0);
      glp_set_obj_coef(lp, col, cost[size_t(i * n + j)]);
      ia.push_back(i + 1), ja.push_back(col), ar.push_back(1.0);
      ia.push_back(m + j + 1), ja.push_back(col), ar.push_back(1.0);
    }
  glp_load_matrix(lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
  glp_smcp parm;
  glp_init_smcp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  EXPECT_EQ(glp_simplex(lp, &parm), 0);
  EXPECT_EQ(glp_get_status(lp), GLP_OPT);
  const double z = glp_get_obj_val(lp);
  glp_delete_prob(lp);
  return z;
}

TEST(Sns, CostApproachesTheLinearProgramOptimumAsEtaGrows) {
  // Non-uniform weights, so the optimum is not just an assignment.
  const size_t m = 14, n = 11;
  std::vector<double> r = test::uniform_costs(1, m, 21), c = test::uniform_costs(1, n, 22);
  double sr = 0, sc = 0;
  for (double& v : r) sr += (v += 0.2);
  for (double& v : c) sc += (v += 0.2);
  for (double& v : r) v /= sr;
  for (double& v : c) v /= sc;
  const std::vector<double> cost = test::uniform_costs(m, n, 23);
  const double exact = lp_optimum(r, c, cost);

  Comm comm;
  const ot::OtProblem p = test::dense_problem(comm, r, c, cost);
  double previous = 1e300;
  for (double eta : {10.0, 100.0, 1000.0, 10000.0}) {
    ot::OtOptions o;
    o.eta = eta;
    o.tol = 1e-11;
    const ot::OtResult res = ot::solve_sns(p, o);
    ASSERT_TRUE(res.report.converged()) << "eta " << eta << ": " << to_string(res.report.reason);
    const double gap = res.transport_cost - exact;
    EXPECT_GT(gap, -1e-9) << "eta " << eta << ": below the LP optimum";
    EXPECT_LT(gap, previous) << "eta " << eta;
    previous = gap;
  }
  EXPECT_LT(previous, 1e-6);
}

}  // namespace
}  // namespace las
