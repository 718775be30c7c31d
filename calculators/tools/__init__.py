# SPDX-License-Identifier: MIT
"""What asks the programmes: the screener (我家能申请哪些救助), the 台账 check and where to go next."""
