#include "dictationcontrol.h"

using namespace Qt::Literals::StringLiterals;

namespace utter
{

void DictationControl::restyle(const QString&, const QString&, QObject*, TranscribeCallback done)
{
    done(Error(ErrorCode::Unsupported, u"Styling a text is not available in this build."_s));
}

} // namespace utter
