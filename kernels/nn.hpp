// SPDX-License-Identifier: BSD-3-Clause
// Inference layers of the learned-CG network (DCDM): the feature-map layout and ghost
// helpers (nn_field.hpp), convolutions (nn_conv.hpp), pooling and upsampling
// (nn_pool.hpp). Each has an oracle in reference/nn_ref.hpp.
#pragma once

#include "kernels/nn_conv.hpp"
#include "kernels/nn_field.hpp"
#include "kernels/nn_pool.hpp"
