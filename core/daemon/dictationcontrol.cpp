#include "dictationcontrol.h"
